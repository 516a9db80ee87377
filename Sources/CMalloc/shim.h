// glibc's allocator tuning (mallopt and its parameters), for the training commands.
#include <malloc.h>
