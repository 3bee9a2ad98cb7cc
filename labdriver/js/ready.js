// True once the notebook at `path` is open, its kernel idle and the status bar says Idle
(path) => {
  const app = window.jupyterapp;
  const nb = app && app.shell.currentWidget;
  if (!nb || !nb.content || !nb.context || nb.context.path !== path) return false;
  if (!nb.context.isReady || !nb.sessionContext.isReady) return false;
  const k = nb.sessionContext.session && nb.sessionContext.session.kernel;
  const bar = document.querySelector('#jp-main-statusbar');
  return !!k && k.status === 'idle' && !!bar && bar.innerText.includes('Idle');
}
