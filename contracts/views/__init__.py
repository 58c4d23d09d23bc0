"""Social contract pages, by what they do: the contract (list, draft, edit, review, close, PDF,
scan, task progress) and signing (the contract and its amendments)."""
