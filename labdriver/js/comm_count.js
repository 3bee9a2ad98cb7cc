// How many widget messages the kernel has sent since the hook
() => window.__ll.nComm
