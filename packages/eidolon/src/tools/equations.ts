/**
 * `cephalon eidolon equations --obsidian`: the model's equations with the current parameter values, as an
 * Obsidian-ready Markdown note (YAML front matter, KaTeX-compatible LaTeX in `$$` blocks, ASCII only).
 */
import type { WorldParams } from '../state/index.js';
import type { InputParams } from '../input/perturb.js';
import type { LoopParams } from '../loop/loop-types.js';

/** A number in LaTeX: finite values to 4 significant digits (e-notation as \times 10^{k}), Infinity as \infty. */
export function tex(x: number): string {
  if (x === Number.POSITIVE_INFINITY) return '\\infty';
  if (!Number.isFinite(x)) return '\\mathrm{NaN}';
  if (x === 0) return '0';
  const s = Number(x.toPrecision(4)).toString();
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(s);
  return m === null ? s : `${m[1]} \\times 10^{${Number(m[2])}}`;
}

const vec = (xs: readonly number[]): string => `(${xs.map(tex).join(',\\ ')})`;
const block = (latex: string): string => `$$\n${latex}\n$$`;

function motion(w: WorldParams): string[] {
  const bound = w.boundary.kind === 'soft' ? `L = ${tex(w.boundary.halfWidth)},\\ K_w = ${tex(w.boundary.stiffness)}` : '\\text{none}';
  return [
    '## Motion',
    `State space of dimension $n = ${w.dims}$; agent $i$ has position $\\vec p_i$, velocity $\\vec v_i$, per-axis masses $\\vec m_i$ and charge $q_i$.`,
    block('M \\dot{\\vec v} = \\vec f_{\\mathrm{wells}} + \\vec f_{\\mathrm{pairs}} + \\vec f_{\\mathrm{walls}} + \\vec f_{\\mathrm{field}} + \\vec f_{\\mathrm{wind}} + \\vec f_{\\mathrm{language}} + \\vec f_{\\mathrm{drive}} - C \\vec v'),
    block(`\\vec m = ${vec(w.masses)}, \\qquad \\vec c = ${vec(w.damping)}`),
    block(`\\frac{d m_k}{dt} = \\kappa_k (1 + |v_k|), \\qquad \\vec \\kappa = ${vec(w.massGrowth)}`),
    block(`\\vec f_{ij} = \\frac{G q_i q_j (\\vec p_j - \\vec p_i)}{(|\\vec p_j - \\vec p_i|^2 + \\epsilon^2)^{3/2}}, \\qquad G = ${tex(w.pairwise.gravity)},\\ \\epsilon = ${tex(w.pairwise.softening)}`),
    block(`w_k(\\vec p, t) = A\\, \\mathrm{simplex}(f\\, \\hat u_k \\cdot \\vec p,\\ f\\, \\hat v_k \\cdot \\vec p,\\ \\omega t,\\ o_k), \\qquad A = ${tex(w.wind.amplitude)},\\ f = ${tex(w.wind.spatialFrequency)},\\ \\omega = ${tex(w.wind.timeFrequency)}`),
    block(`U_{\\mathrm{walls}} = \\tfrac12 K_w \\sum_k \\max(0, |p_k| - L)^2, \\qquad ${bound}`),
    block(`|M^{-1} \\vec f| \\le a_{\\max} = ${tex(w.maxAcceleration)}, \\qquad |\\vec J| \\le ${tex(w.maxImpulse)}, \\qquad |\\vec f_{\\mathrm{language}}| \\le ${tex(w.maxLanguageForce)}`),
  ];
}

function fieldsAndEnergy(w: WorldParams): string[] {
  const fields = w.fields.map((f, i) =>
    block(`\\frac{\\partial \\phi_{${i}}}{\\partial t} = D \\nabla^2 \\phi_{${i}} - \\lambda \\phi_{${i}} + S, \\qquad D = ${tex(f.diffusion)},\\ \\lambda = ${tex(f.decay)},\\ U = g\\, \\phi_{${i}}(\\vec p),\\ g = ${tex(f.coupling)}`),
  );
  return [
    '## Fields',
    ...(fields.length > 0 ? fields : ['No fields in this configuration.']),
    '## Energy ledger',
    block('E_{\\mathrm{mech}} = \\sum_i \\sum_k \\tfrac12 m_{ik} v_{ik}^2 + U_{\\mathrm{wells}} + U_{\\mathrm{pairs}} + U_{\\mathrm{field}} + U_{\\mathrm{walls}}'),
    block('\\varepsilon_{\\mathrm{num}} = E_{\\mathrm{mech}}(t) - E_{\\mathrm{mech}}(0) - W_{\\mathrm{ext}} - W_{\\mathrm{effort}} + Q'),
    block(`\\frac{|\\varepsilon_{\\mathrm{num}}|}{\\mathrm{scale}} \\le ${tex(w.ledger.tolerance)} \\quad \\text{checked every } ${w.ledger.checkEvery} \\text{ steps}`),
  ];
}

function inputs(p: InputParams): string[] {
  return [
    '## Input interface',
    'A text scored as affect $\\vec a \\in [-1, 1]^8$ with confidence $c$ pulls the self towards a target with a transient spring and drops a Gaussian packet at $\\vec a$:',
    block(`\\vec p^{*} = \\mathrm{clip}(\\vec p + \\vec g \\odot \\vec a\\, c), \\qquad \\vec g = ${vec(p.languageGain)}`),
    block(`\\vec f_{\\mathrm{language}} = -K (\\vec p - \\vec p^{*}) \\ \\text{for}\\ ${tex(p.languageDurationSec)}\\ \\mathrm{s}, \\qquad K = ${tex(p.languageStiffness)}`),
    block(`\\delta \\phi(\\vec x) = \\frac{M}{(2 \\pi \\sigma^2)^{n/2}} e^{-|\\vec x - \\vec a|^2 / (2 \\sigma^2)}, \\qquad M = ${tex(p.textMass)}\\, c,\\ \\sigma = ${tex(p.textWidth)}`),
    block('E_{\\mathrm{input}} = \\tfrac12 \\int (\\phi + \\delta \\phi)^2 - \\tfrac12 \\int \\phi^2'),
  ];
}

function loop(l: LoopParams): string[] {
  const q = l.policy;
  return [
    '## Other minds',
    block(`\\vec p_{s} \\leftarrow \\vec p_{s} + r\\, c\\, (s_p \\vec a - \\vec p_{s}), \\qquad r = ${tex(l.placement.followRate)},\\ s_p = ${tex(l.placement.positionScale)}`),
    '## Speaking rule',
    block('\\mathrm{speak} \\iff \\max(u,\\ r \\cdot \\mathbf{1}_{\\mathrm{present}},\\ c \\cdot o,\\ q) - (h_{\\mathrm{social}} + h_{\\mathrm{fatigue}} + h_{\\mathrm{doubt}}) > \\theta'),
    block(`\\theta = ${tex(q.threshold)},\\ h_{\\mathrm{social}} = ${tex(q.socialInhibition)} + ${tex(q.ignoredInhibition)}\\, n_{\\mathrm{unanswered}},\\ h_{\\mathrm{fatigue}} = ${tex(q.fatigueWeight)}\\, F,\\ h_{\\mathrm{doubt}} = ${tex(q.doubt)} (1 - \\pi)`),
    block(`q = 1 - e^{-\\sum_{\\mathrm{queued}} \\pi_j}, \\qquad \\pi_j(t + \\Delta t) = \\pi_j(t)\\, 2^{-\\Delta t / T_{1/2}}, \\qquad T_{1/2} = ${tex(l.queue.halfLifeSec)}\\ \\mathrm{s}`),
  ];
}

/**
 * The note. `loopParams` adds the theory-of-mind and speaking sections.
 * @example writeFileSync('eidolon.md', equationsNote(world.params, DEFAULT_INPUT_PARAMS, DEFAULT_LOOP_PARAMS))
 */
export function equationsNote(world: WorldParams, input: InputParams, loopParams?: LoopParams): string {
  const frontMatter = ['---', 'tags: [eidolon, equations]', `dims: ${world.dims}`, '---'].join('\n');
  const lines = [
    frontMatter,
    '# Eidolon: equations and current parameters',
    'Generated by `cephalon eidolon equations --obsidian`. Every value below is the one the simulator uses.',
    ...motion(world),
    ...fieldsAndEnergy(world),
    ...inputs(input),
    ...(loopParams === undefined ? [] : loop(loopParams)),
  ];
  return lines.join('\n\n') + '\n';
}
