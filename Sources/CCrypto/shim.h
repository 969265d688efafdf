#ifndef FEEDWATCH_CCRYPTO_SHIM_H
#define FEEDWATCH_CCRYPTO_SHIM_H

// OpenSSL's libcrypto, already loaded by libcurl (libcurl4-openssl-dev): only its one-shot
// SHA-256, which uses the CPU's SHA extensions where they exist.
#include <openssl/sha.h>

#endif
