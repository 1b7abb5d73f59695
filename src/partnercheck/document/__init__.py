"""Reading a charter: bytes decoded, YAML parsed, plain data built with the position of every node."""
