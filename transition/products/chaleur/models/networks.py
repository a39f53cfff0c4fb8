"""Heat and cold networks, PDP, networks under construction."""
