//! Reading layout back from a PDF: pages and positioned text runs.
//! (Filled in by the layout tests' support work.)
