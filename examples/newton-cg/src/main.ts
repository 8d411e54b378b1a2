// Newton-CG on logistic regression and Rosenbrock: prints each iteration and the wall time.
import { newtonCg, type NewtonIteration } from './newton-cg';
import { logisticRegression, rosenbrock } from './problems';

const smoke = process.argv.includes('--smoke');

function report(title: string, run: () => { history: NewtonIteration[]; final: number }): void {
  const start = performance.now();
  const { history, final } = run();
  const seconds = (performance.now() - start) / 1000;
  console.log(`\n## ${title}`);
  console.log('| iteration | loss | ‖g‖ | CG steps | step |\n|---:|---:|---:|---:|---:|');
  for (const r of history) console.log(`| ${r.iteration} | ${r.loss.toExponential(6)} | ${r.gradientNorm.toExponential(2)} | ${r.cgIterations} | ${r.stepSize} |`);
  console.log(`final loss ${final.toExponential(8)}; ${history.length} Newton iterations; wall time ${seconds.toFixed(2)} s`);
}

const logistic = logisticRegression(smoke ? 200 : 2000, smoke ? 5 : 20);
report('Logistic regression (L2 1e-3)', () => {
  const { x, history } = newtonCg(logistic.f, logistic.x0);
  return { history, final: logistic.f(x).item() };
});

const banana = rosenbrock(smoke ? 4 : 100);
report(`Extended Rosenbrock (n = ${banana.x0.size})`, () => {
  const { x, history } = newtonCg(banana.f, banana.x0, { maxIterations: 200 });
  return { history, final: banana.f(x).item() };
});
