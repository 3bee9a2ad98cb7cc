// Hook the notebook: log kernel trouble, widget messages, errors, stderr; return the kernel id
() => {
  const nb = window.jupyterapp.shell.currentWidget;
  window.__ll.nb = nb;
  window.__ll.iopub = [];
  window.__ll.nBad = 0;
  window.__ll.nComm = 0;
  window.__ll.recent = [];
  window.__ll.kernelTrouble = [];
  nb.sessionContext.statusChanged.connect((_, status) => {
    if (['restarting', 'autorestarting', 'dead'].includes(status)) {
      window.__ll.kernelTrouble.push(status);
    }
  });
  const kernel = nb.sessionContext.session.kernel;
  kernel.anyMessage.connect((_, a) => {
    if (a.direction === 'recv' && a.msg.header.msg_type === 'comm_msg') {
      window.__ll.nComm += 1;
      // the last few, summarised, so that a failure can say what they were
      const d = (a.msg.content && a.msg.content.data) || {};
      const what = d.method === 'update' ? 'update ' + Object.keys(d.state || {}).join(',')
        : d.method === 'custom' ? 'custom ' + JSON.stringify(d.content || {}).slice(0, 80)
        : String(d.method);
      window.__ll.recent.push(what);
      if (window.__ll.recent.length > 20) window.__ll.recent.shift();
    }
  });
  // every error and stderr output of the kernel, also from widget callbacks (which
  // JupyterLab shows only in its log console)
  nb.sessionContext.session.kernel.iopubMessage.connect((_, msg) => {
    const t = msg.header.msg_type;
    let item = null;
    if (t === 'error') {
      item = {kind: 'error', text: msg.content.ename + ': ' + msg.content.evalue + '\n'
                                   + msg.content.traceback.join('\n')};
    } else if (t === 'stream' && msg.content.name === 'stderr') {
      item = {kind: 'stderr', text: msg.content.text};
    }
    if (item) {
      window.__ll.iopub.push(item);
      if (window.__ll.isBad(item.kind, item.text)) window.__ll.nBad += 1;
    }
  });
  return nb.sessionContext.session.kernel.id;
}
