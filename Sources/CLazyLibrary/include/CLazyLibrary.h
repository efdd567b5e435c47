#ifndef KILN_CLAZYLIBRARY_H
#define KILN_CLAZYLIBRARY_H
// Loading a shared library on first use: dlopen by soname, then every symbol kiln calls.
// A loader lists its functions once in an X-macro, (return type, name, parameters, arguments,
// value when unloaded) or (name, parameters, arguments) for void ones, and these macros make
// the slot indices, the symbol names and the kiln_ wrappers from that one list.
#include <stddef.h>

/// Opens `soname` and resolves `names[i]` into `slots[i]` for every i < count. Returns 1, or 0
/// with why in `error` (naming `package`, the distribution package that provides the library).
int kiln_lazy_library_open(const char *soname, const char *package, const char *const names[],
                           void *slots[], size_t count, char *error, size_t errorSize);

#define KILN_LAZY_SLOT(ret, name, ...) KILN_SLOT_##name,
#define KILN_LAZY_VOID_SLOT(name, ...) KILN_SLOT_##name,
#define KILN_LAZY_NAME(ret, name, ...) #name,
#define KILN_LAZY_VOID_NAME(name, ...) #name,
/// The loaded function `name`, typed as the library's header declares it.
#define KILN_LAZY_FUNCTION(slots, name) ((__typeof__(&name))(slots)[KILN_SLOT_##name])
#define KILN_LAZY_WRAPPER(loadError, slots, ret, name, params, args, unloaded) \
    ret kiln_##name params { \
        if (loadError() != NULL) return unloaded; \
        return KILN_LAZY_FUNCTION(slots, name) args; \
    }
#define KILN_LAZY_VOID_WRAPPER(loadError, slots, name, params, args) \
    void kiln_##name params { \
        if (loadError() == NULL) KILN_LAZY_FUNCTION(slots, name) args; \
    }
#endif
