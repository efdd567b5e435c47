#include "CLazyLibrary.h"
#include <dlfcn.h>
#include <stdio.h>

int kiln_lazy_library_open(const char *soname, const char *package, const char *const names[],
                           void *slots[], size_t count, char *error, size_t errorSize) {
    void *library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(error, errorSize, "cannot load %s (%s); install it (apt-get install %s)", soname, dlerror(), package);
        return 0;
    }
    for (size_t index = 0; index < count; index++) {
        slots[index] = dlsym(library, names[index]);
        if (slots[index] == NULL) {
            snprintf(error, errorSize, "%s has no %s; it is too old for kiln (install a newer %s)", soname, names[index], package);
            return 0;
        }
    }
    return 1;
}
