"""Team mode in the sidebar: Tools > Team…, the sidebar's team status line, team playbooks."""
