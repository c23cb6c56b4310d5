"""Who is working and what they may do: accounts, roles, permissions, the check at the service
boundary (``requires``). See ``actor.py`` for where the acting person comes from."""
