#ifndef KILN_CCRYPTO_SHIM_H
#define KILN_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#endif
