// True once figure and readout (either one if not `both`) differ from `b`, or a kernel error came
([p, b, both]) => {
    const s = window.__ll.snapshot(p);
    const fig = b.nCanvas === 0 || s.canvas !== b.canvas;
    const txt = b.nReadout === 0 || s.readout !== b.readout;
    return s.nBad > b.nBad || (both ? fig && txt : s.canvas !== b.canvas
                                                     || s.readout !== b.readout);
}
