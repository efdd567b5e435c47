/* The example's C extension: proof that the wheel kiln built holds compiled code. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <ctype.h>

static PyObject *count_letters(PyObject *module, PyObject *args) {
    const char *text;
    Py_ssize_t length;
    if (!PyArg_ParseTuple(args, "s#", &text, &length)) return NULL;
    long letters = 0;
    for (Py_ssize_t i = 0; i < length; i++) {
        if (isalpha((unsigned char)text[i])) letters++;
    }
    return PyLong_FromLong(letters);
}

static PyMethodDef methods[] = {
    {"count_letters", count_letters, METH_VARARGS, "Count the ASCII letters in a string."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups", NULL, -1, methods};

PyMODINIT_FUNC PyInit__speedups(void) { return PyModule_Create(&module); }
