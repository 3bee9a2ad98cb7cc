// The kernel's restarts and deaths seen since the hook ('restarting', 'autorestarting', 'dead')
() => window.__ll.kernelTrouble
