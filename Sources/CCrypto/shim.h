#ifndef KILN_CCRYPTO_SHIM_H
#define KILN_CCRYPTO_SHIM_H
#include <openssl/crypto.h>
#include <openssl/evp.h>
#endif
