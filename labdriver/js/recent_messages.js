// The last `n` widget messages from the kernel, summarised
(n) => window.__ll.recent.slice(-n)
