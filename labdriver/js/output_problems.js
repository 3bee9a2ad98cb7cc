// Cells not run, error and stderr outputs, widget errors shown; and every kernel error or stderr
(errorTexts) => {
  const nb = window.__ll.nb;
  const found = [];
  nb.content.widgets.forEach((cell, i) => {
    if (cell.model.type !== 'code') return;
    if (cell.model.executionCount === null) found.push({kind: 'not run', cell: i, text: ''});
    for (const o of cell.model.outputs.toJSON()) {
      if (o.output_type === 'error') {
        found.push({kind: 'error', cell: i, text: o.ename + ': ' + o.evalue});
      } else if (o.output_type === 'stream' && o.name === 'stderr') {
        found.push({kind: 'stderr', cell: i,
                    text: Array.isArray(o.text) ? o.text.join('') : o.text});
      }
    }
    const area = cell.node.querySelector('.jp-OutputArea');
    if (!area) return;
    for (const el of area.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')) {
      found.push({kind: 'stderr (shown)', cell: i, text: el.textContent});
    }
    const text = area.textContent;
    for (const bad of errorTexts) {
      if (text.includes(bad)) found.push({kind: 'widget error', cell: i, text: bad});
    }
  });
  return {cells: found, iopub: window.__ll.iopub};
}
