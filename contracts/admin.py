"""Social contracts are not in the Django admin.

A contract, its family members, tasks, reviews, amendments and scans are a person's case file:
they are read and changed only on the contract's pages, scoped to those who may see them, audited,
and signed text is never changed at all (the model refuses it too). Administrators administer;
they do not read case files."""
