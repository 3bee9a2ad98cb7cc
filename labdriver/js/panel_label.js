// A panel's name for messages: its cell's index and the cell's first line of source
(panel) => {
  const nb = window.__ll.nb;
  const cellNode = panel.closest('.jp-Cell');
  const i = nb.content.widgets.findIndex(c => c.node === cellNode);
  const src = i >= 0 ? nb.content.widgets[i].model.sharedModel.getSource() : '';
  const line = src.split('\n').find(l => l.trim()) || '';
  return 'cell ' + i + ' `' + line.trim().slice(0, 70) + '`';
}
