"""Files a project lead downloads from CBS, PDOK, RVO and PBL, read in the browser: upload, a
preview of what will be stored, then one confirmed transaction."""
