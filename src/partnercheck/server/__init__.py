"""`partnercheck server`: a Language Server (LSP over stdio, pygls) giving in the editor what `check` gives.

pygls is imported only here and below, when the server starts, so the command
line's import time does not grow. Each module has one job: `app` wires the
LSP features, `settings` reads the client's settings, `checking` runs a
document's text through check's own pipeline, `documents` converts positions
and finds ids, `diagnostics`, `hover`, `completion`, `navigation` and
`actions` answer their requests.
"""
