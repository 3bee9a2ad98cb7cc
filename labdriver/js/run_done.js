// True once Run All is over: kernel idle, every code cell run (or one shows an error)
() => {
  const nb = window.__ll.nb;
  if (!window.__ll.kernelIdle()) return false;
  const cells = nb.content.widgets.filter(c => c.model.type === 'code');
  if (cells.some(c => c.model.executionState === 'running')) return false;
  const errored = cells.some(c => c.model.outputs.toJSON().some(o => o.output_type === 'error'));
  return errored || cells.every(c => c.model.executionCount !== null);
}
