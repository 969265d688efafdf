#ifndef FEEDWATCH_CSQLITE_SHIM_H
#define FEEDWATCH_CSQLITE_SHIM_H

#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro Swift cannot import: tell SQLite to copy bound text.
static inline void (*feedwatch_sqlite_transient(void))(void *) {
    return SQLITE_TRANSIENT;
}

static inline int feedwatch_sqlite_config_log(void (*callback)(void *, int, const char *), void *context) {
    return sqlite3_config(SQLITE_CONFIG_LOG, callback, context);
}

#endif
