"""`amlarc-lint server`: a Language Server Protocol server over stdio (on pygls).

`app` wires the protocol (open, change, save, watched files, code actions, hover) to the
session; `session` lints the open buffers through the one in-process lint API, with the
project context from disk plus every open buffer; `diagnostics` and `actions` turn findings
into LSP diagnostics, quick fixes and hovers; `positions` converts between the engine's
positions and LSP's (0-based lines, columns in the negotiated code units, UTF-16 by
default).
"""
