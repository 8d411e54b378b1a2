/**
 * Tensors and reverse-mode automatic differentiation for nanograd. This first release carries backend
 * selection; tensors, ops and the functional transforms build on it.
 *
 * @packageDocumentation
 */
export { getBackend, setBackend, withBackend } from './backend';
export { ShapeError, DTypeError, BackendError } from '@nanograd/kernels';
