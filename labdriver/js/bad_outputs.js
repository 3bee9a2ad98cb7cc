// The kernel's errors, and its stderr with a traceback, an error or a warning
() => window.__ll.iopub.filter(e => window.__ll.isBad(e.kind, e.text))
