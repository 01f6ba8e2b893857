"""One module per interactive view (pyvis networks), and what they share (``common``)."""
