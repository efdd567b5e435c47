#ifndef KILN_CARCHIVE_SHIM_H
#define KILN_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>
#endif
