//! Code tables exchanged by CET-MG and Renave-WS.
