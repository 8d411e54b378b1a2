// Human-readable descriptions of models: a per-layer table (summary) and a one-layer card (printLayer).
import { noGrad, zeros, type Tensor } from '@nanograd/autograd';
import type { Module } from './module';

/**
 * Options of {@link summary}, {@link formatSummary} and {@link summaryRows}.
 *
 * @example
 * ```ts
 * import type { SummaryOptions } from '@nanograd/layer';
 * const options: SummaryOptions = { inputShape: [1, 784] };
 * ```
 * @category Summary
 */
export interface SummaryOptions {
  /** Shape of an example input, batch axis included; a zero tensor of this shape is run to find output shapes. */
  readonly inputShape?: readonly number[];
  /** An example input to run instead of zeros (e.g. integer token ids for a language model). */
  readonly input?: Tensor;
  /** Dtype of the zero input made from `inputShape` (default: the first parameter's dtype, else `'f32'`). */
  readonly dtype?: 'f32' | 'f64';
}

/**
 * One row of a model summary: a module, where it sits, and what it owns.
 *
 * @example
 * ```ts
 * import { Dense, Sequential, summaryRows, type SummaryRow } from '@nanograd/layer';
 * const rows: SummaryRow[] = summaryRows(new Sequential([new Dense(4, 2)]), { inputShape: [1, 4] });
 * rows[0]?.outputShape; // [1, 2]
 * ```
 * @category Summary
 */
export interface SummaryRow {
  /** Dotted path from the model (`'3.body.0'`), `''` for the model itself. */
  readonly path: string;
  /** Nesting depth: 0 for the model's direct children (or the model itself when it has none). */
  readonly depth: number;
  /** The module's display name. */
  readonly name: string;
  /** The module's class name (`'Dense'`). */
  readonly type: string;
  /** Shape of the module's output in the example forward pass (the last call if it ran twice), else null. */
  readonly outputShape: readonly number[] | null;
  /** Scalars in the parameters this module registered itself (children excluded), so the rows add up to the total. */
  readonly parameters: number;
  /** The module. */
  readonly module: Module;
}

function typeName(module: Module): string {
  return module.constructor.name;
}

/** Runs `input` through `model` in eval mode without gradients, recording each module's output shape. */
function probeShapes(model: Module, modules: readonly Module[], input: Tensor): Map<Module, readonly number[]> {
  const shapes = new Map<Module, readonly number[]>();
  const modes = modules.map((module) => module.training);
  const saved = modules.map((module) => Object.getOwnPropertyDescriptor(module, 'forward'));
  try {
    // Eval mode: batch norm must not update its running statistics and dropout must not draw masks.
    for (const module of modules) module.training = false;
    for (const module of modules) {
      const original = module.forward;
      module.forward = (x: Tensor): Tensor => {
        const out = original.call(module, x);
        shapes.set(module, [...out.shape]);
        return out;
      };
    }
    noGrad(() => model.forward(input));
  } finally {
    modules.forEach((module, index) => {
      module.training = modes[index] as boolean;
      const descriptor = saved[index];
      if (descriptor === undefined) Reflect.deleteProperty(module, 'forward');
      else Object.defineProperty(module, 'forward', descriptor);
    });
  }
  return shapes;
}

/**
 * The rows of a model summary: every descendant module depth first (each once), with its output shape from an
 * example forward pass when `inputShape` or `input` is given, and the parameters it owns.
 *
 * @param model - Any module.
 * @param options - `inputShape` / `input` to find output shapes, `dtype` of the zero input.
 * @returns One row per module (the model itself only when it has no children).
 * @throws {@link ShapeError} If the example input does not fit the model.
 *
 * @example
 * ```ts
 * import { Dense, Sequential, summaryRows } from '@nanograd/layer';
 * const model = new Sequential([new Dense(784, 128, { activation: 'relu' }), new Dense(128, 10)]);
 * summaryRows(model).map((row) => row.parameters); // [100480, 1290]
 * ```
 * @category Summary
 */
export function summaryRows(model: Module, options: SummaryOptions = {}): SummaryRow[] {
  const named = model.namedModules();
  const modules = named.map(([, module]) => module);
  const owned = new Map<string, number>();
  for (const [name, parameter] of model.namedParameters()) {
    const owner = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : '';
    owned.set(owner, (owned.get(owner) ?? 0) + parameter.size);
  }
  let input = options.input ?? null;
  if (input === null && options.inputShape !== undefined) {
    input = zeros(options.inputShape, { dtype: options.dtype ?? (model.parameters()[0]?.dtype === 'f64' ? 'f64' : 'f32') });
  }
  const shapes = input === null ? new Map<Module, readonly number[]>() : probeShapes(model, modules, input);
  const listed = named.length > 1 ? named.slice(1) : named;
  return listed.map(([path, module]) => ({
    path,
    depth: path === '' ? 0 : path.split('.').length - 1,
    name: module.name,
    type: typeName(module),
    outputShape: shapes.get(module) ?? null,
    parameters: owned.get(path) ?? 0,
    module,
  }));
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function shapeText(shape: readonly number[] | null): string {
  return shape === null ? '?' : `[${shape.join(', ')}]`;
}

/**
 * Formats a model summary table: one line per module (indented by nesting, with its type, output shape and the
 * parameters it owns), then the totals.
 *
 * @remarks
 * Output shapes come from one forward pass of `inputShape` zeros (or `input`) in evaluation mode under `noGrad`;
 * every module's mode is restored afterwards and no running statistic changes. Without an example input the shape
 * column shows `?`. A module reached twice (a shared layer) is listed once and its parameters counted once.
 *
 * @param model - Any module.
 * @param options - `inputShape` / `input` and `dtype`.
 * @returns The table.
 * @throws {@link ShapeError} If the example input does not fit the model.
 *
 * @example
 * ```ts
 * import { Dense, Sequential, formatSummary } from '@nanograd/layer';
 * const model = new Sequential([new Dense(784, 128, { activation: 'relu' }), new Dense(128, 10)], { name: 'mlp' });
 * formatSummary(model, { inputShape: [1, 784] }).includes('Total parameters: 101,770'); // true
 * ```
 * @category Summary
 */
export function formatSummary(model: Module, options: SummaryOptions = {}): string {
  const rows = summaryRows(model, options);
  const header = ['Layer', 'Type', 'Output shape', 'Param #'];
  const cells = rows.map((row) => [
    `${'  '.repeat(row.depth)}${row.path === '' ? row.name : `${row.path.split('.').at(-1) ?? ''}: ${row.name}`}`,
    row.type,
    shapeText(row.outputShape),
    count(row.parameters),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => (line[column] as string).length)));
  const line = (values: readonly string[]): string =>
    values.map((value, column) => (column === 3 ? value.padStart(widths[column] as number) : value.padEnd(widths[column] as number))).join('  ').trimEnd();
  const rule = '─'.repeat(widths.reduce((total, width) => total + width, 0) + 2 * (widths.length - 1));
  const parameters = model.parameters();
  const trainable = parameters.filter((parameter) => parameter.requiresGrad).reduce((total, parameter) => total + parameter.size, 0);
  const buffers = model.namedBuffers().reduce((total, [, buffer]) => total + buffer.size, 0);
  return [
    `Model: ${model.name} (${typeName(model)})`,
    rule,
    line(header),
    rule,
    ...cells.map(line),
    rule,
    `Total parameters: ${count(model.parameterCount())}`,
    `Trainable parameters: ${count(trainable)}`,
    ...(buffers > 0 ? [`Buffer values (not trained): ${count(buffers)}`] : []),
  ].join('\n');
}

/**
 * Prints a model summary table to the console (Scheme `summary`, Keras `model.summary()`) and returns it; see
 * {@link formatSummary} for the layout.
 *
 * @param model - Any module.
 * @param options - `inputShape` / `input` to show output shapes, `dtype`.
 * @returns The printed table.
 * @throws {@link ShapeError} If the example input does not fit the model.
 *
 * @example
 * ```ts
 * import { Dense, Sequential, summary } from '@nanograd/layer';
 * summary(new Sequential([new Dense(784, 128, { activation: 'relu' }), new Dense(128, 64), new Dense(64, 10)]), {
 *   inputShape: [1, 784],
 * }); // prints the table, ending with "Total parameters: 109,386"
 * ```
 * @category Summary
 */
export function summary(model: Module, options: SummaryOptions = {}): string {
  const table = formatSummary(model, options);
  console.log(table);
  return table;
}

/**
 * Describes one layer: name, type, mode, sizes, activation, the shapes (never the values) of its parameters and
 * buffers, and its direct children.
 *
 * @param layer - Any module.
 * @returns The description.
 *
 * @example
 * ```ts
 * import { Dense, formatLayer } from '@nanograd/layer';
 * formatLayer(new Dense(784, 128, { activation: 'relu' })).split('\n')[0]; // "Dense 'dense'"
 * ```
 * @category Summary
 */
export function formatLayer(layer: Module): string {
  const lines = [`${typeName(layer)} '${layer.name}'`, `  mode: ${layer.training ? 'training' : 'evaluation'}`];
  if (layer.inputSize !== null) lines.push(`  input size: ${layer.inputSize}`);
  if (layer.outputSize !== null) lines.push(`  output size: ${layer.outputSize}`);
  if (layer.activation !== null) lines.push(`  activation: ${layer.activation}`);
  const parameters = layer.namedParameters();
  lines.push(`  parameters: ${count(layer.parameterCount())}`);
  for (const [name, tensor] of parameters) lines.push(`    ${name} [${tensor.shape.join(', ')}] ${tensor.dtype}`);
  const buffers = layer.namedBuffers();
  if (buffers.length > 0) lines.push('  buffers:');
  for (const [name, tensor] of buffers) lines.push(`    ${name} [${tensor.shape.join(', ')}] ${tensor.dtype}`);
  const children = layer.namedChildren();
  if (children.length > 0) lines.push(`  children: ${children.map(([name, child]) => `${name}: ${child.name} (${typeName(child)})`).join(', ')}`);
  return lines.join('\n');
}

/**
 * Prints a one-layer description to the console (Scheme `print-layer`) and returns it; see {@link formatLayer}.
 *
 * @param layer - Any module.
 * @returns The printed description.
 *
 * @example
 * ```ts
 * import { Conv2d, printLayer } from '@nanograd/layer';
 * printLayer(new Conv2d(3, 16, 3)); // Conv2d 'conv2d' … weight [16, 3, 3, 3] f32 …
 * ```
 * @category Summary
 */
export function printLayer(layer: Module): string {
  const text = formatLayer(layer);
  console.log(text);
  return text;
}
