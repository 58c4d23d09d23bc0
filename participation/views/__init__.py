"""Pages of a participation, by noun: the participation and its moves (with its evidence and
certificate), and the declarations the person signs for the project."""
