// [widget messages so far, frames drawn so far in each panel matching the selector `sel`]
(sel) => [window.__ll.nComm, [...document.querySelectorAll(sel)].map(p => window.__ll.draws(p))]
