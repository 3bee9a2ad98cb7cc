// window.__ll: what the hooks record, and snapshot/painted/draws/kernelIdle (an init script)
window.__ll = {
  nb: null,
  iopub: [],
  nComm: 0,  // widget messages from the kernel
  recent: [],  // the last of them, summarised
  kernelTrouble: [],  // 'restarting', 'autorestarting', 'dead': the kernel died
  nBad: 0,  // kernel errors, and stderr with a traceback, an error or a warning
  isBad(kind, text) { return kind === 'error' || /Traceback|Error|Exception|Warning/.test(text); },
  hash(s) {  // FNV-1a: a short fingerprint of a canvas' pixels
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
    return (h >>> 0).toString(16) + '/' + s.length;
  },
  figures(panel) {
    return [...panel.querySelectorAll('.jupyter-matplotlib canvas, .widget-image')];
  },
  snapshot(panel) {
    const figs = this.figures(panel).map(el => el.tagName === 'CANVAS'
      ? el.width + 'x' + el.height + ':' + this.hash(el.toDataURL()) : this.hash(el.src));
    const readouts = [...panel.querySelectorAll('.widget-html-content, .widget-htmlmath-content')]
      .filter(el => !el.closest('.jupyter-matplotlib'));
    return {
      canvas: figs.join('|'),
      readout: readouts.map(el => el.textContent).join('\n'),
      nCanvas: figs.length,
      nReadout: readouts.length,
      nBad: this.nBad,
    };
  },
  painted(panel) {
    const c = panel.querySelector('.jupyter-matplotlib canvas');
    if (!c) return true;
    if (!c.width || !c.height) return false;
    const blank = document.createElement('canvas');
    blank.width = c.width;
    blank.height = c.height;
    return c.toDataURL() !== blank.toDataURL();
  },
  draws(panel) {
    return [...panel.querySelectorAll('.jupyter-matplotlib canvas')]
      .reduce((n, c) => n + (c.__llDraws || 0), 0);
  },
  kernelIdle() {
    const k = this.nb && this.nb.sessionContext.session && this.nb.sessionContext.session.kernel;
    return !!k && k.status === 'idle';
  },
};
