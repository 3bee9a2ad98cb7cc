// Per cell holding widget views (notebook not run): PNGs carried, images shown, widget errors
(errorTexts) => {
  const nb = window.jupyterapp.shell.currentWidget;
  const WIDGET = 'application/vnd.jupyter.widget-view+json';
  const rows = [];
  nb.content.widgets.forEach((cell, i) => {
    if (cell.model.type !== 'code') return;
    const outs = cell.model.outputs.toJSON().filter(o => o.data && o.data[WIDGET]);
    if (!outs.length) return;
    const area = cell.node.querySelector('.jp-OutputArea');
    if (!area) {  // not attached to the page yet: nothing shown (yet)
      rows.push({cell: i, widgetOutputs: outs.length,
                 withPng: outs.filter(o => o.data['image/png']).length,
                 images: 0, errors: [], text: '(cell not rendered yet)'});
      return;
    }
    const imgs = [...area.querySelectorAll('.jp-OutputArea-output img')];
    const text = area.textContent;
    rows.push({
      cell: i,
      widgetOutputs: outs.length,
      withPng: outs.filter(o => o.data['image/png']).length,
      images: imgs.filter(im => im.complete && im.naturalWidth > 0 && im.offsetWidth > 0).length,
      errors: errorTexts.filter(t => text.includes(t)),
      text: text.trim().slice(0, 200),
    });
  });
  return rows;
}
