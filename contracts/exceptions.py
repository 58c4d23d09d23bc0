"""The refusal every action on contracts raises."""


class ContractError(Exception):
    """A refused action; ``str(error)`` is a translated message for the user, and ``messages`` each
    reason on its own when several were found at once (a page shows them all in one go)."""

    def __init__(self, *messages):
        self.messages = [str(message) for message in messages]
        super().__init__(" ".join(self.messages))
