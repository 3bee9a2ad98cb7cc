// The index of a <select>'s chosen option
(s) => s.selectedIndex
