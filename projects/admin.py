"""Projects and partners are not in the Django admin.

Managers define them on the site's pages, whose forms check NIP, REGON and postal codes, keep the
version of each record (two people editing at once are told) and write the audit trail; a second
way in, for administrators who do not run projects, would only bypass those checks."""
