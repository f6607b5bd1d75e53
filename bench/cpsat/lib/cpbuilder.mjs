// A thin builder for a CP-SAT CpModelProto as a plain object (the proto-first
// API of or-tools-wasm: CpSat.createModel(proto) -> bytes -> CpSat.solve).
// Literals: a variable index v (>= 0) or its negation -v-1, as in the proto.

export const not = (lit) => -lit - 1;

export class CpBuilder {
  constructor() {
    this.variables = [];
    this.constraints = [];
    this.constants = new Map();
    this.hints = new Map(); // var index -> value
  }

  newInt(lb, ub, name) {
    if (!(Number.isSafeInteger(lb) && Number.isSafeInteger(ub))) throw new Error(`bad domain for ${name}: [${lb}, ${ub}]`);
    if (lb > ub) throw new Error(`empty domain for ${name}: [${lb}, ${ub}]`);
    this.variables.push({ name, domain: [lb, ub] });
    return this.variables.length - 1;
  }

  newBool(name) {
    return this.newInt(0, 1, name);
  }

  constant(v) {
    if (!this.constants.has(v)) this.constants.set(v, this.newInt(v, v, `const_${v}`));
    return this.constants.get(v);
  }

  trueLit() {
    return this.constant(1);
  }

  lb(v) {
    return this.variables[v].domain[0];
  }

  ub(v) {
    return this.variables[v].domain[1];
  }

  // terms: [[var, coeff], ...]; merges repeated variables, drops zero coefficients.
  static merge(terms) {
    const m = new Map();
    for (const [v, c] of terms) {
      if (c === 0) continue;
      if (!Number.isSafeInteger(c)) throw new Error(`non-integer coefficient ${c}`);
      m.set(v, (m.get(v) || 0) + c);
    }
    const vars = [];
    const coeffs = [];
    for (const [v, c] of m) if (c !== 0) {
      vars.push(v);
      coeffs.push(c);
    }
    return { vars, coeffs };
  }

  push(constraint, enforce) {
    if (enforce && enforce.length) constraint.enforcementLiteral = enforce;
    this.constraints.push(constraint);
    return this.constraints.length - 1;
  }

  // lb <= sum terms <= ub  (if all enforce literals are true)
  linear(terms, lb, ub, enforce) {
    const { vars, coeffs } = CpBuilder.merge(terms);
    const lo = lb === -Infinity ? Number.MIN_SAFE_INTEGER : lb;
    const hi = ub === Infinity ? Number.MAX_SAFE_INTEGER : ub;
    if (vars.length === 0) {
      if (lo > 0 || hi < 0) {
        if (!enforce || enforce.length === 0) throw new Error('trivially infeasible linear constraint');
        return this.boolOr(enforce.map(not));
      }
      return -1;
    }
    return this.push({ linear: { vars, coeffs, domain: [lo, hi] } }, enforce);
  }

  eq(terms, value, enforce) {
    return this.linear(terms, value, value, enforce);
  }

  boolOr(lits, enforce) {
    return this.push({ boolOr: { literals: lits } }, enforce);
  }

  boolAnd(lits, enforce) {
    return this.push({ boolAnd: { literals: lits } }, enforce);
  }

  implies(a, b) {
    return this.push({ boolAnd: { literals: [b] } }, [a]);
  }

  atMostOne(lits) {
    return this.push({ atMostOne: { literals: lits } });
  }

  exactlyOne(lits) {
    return this.push({ exactlyOne: { literals: lits } });
  }

  // target = min(a, b, ...) over affine expressions [{vars, coeffs, offset}]
  minEquality(target, exprs) {
    const neg = (e) => ({ vars: e.vars, coeffs: e.coeffs.map((c) => -c), offset: -(e.offset || 0) });
    return this.push({ linMax: { target: neg(target), exprs: exprs.map(neg) } });
  }

  static affine(v, coeff = 1, offset = 0) {
    return v === null ? { vars: [], coeffs: [], offset } : { vars: [v], coeffs: [coeff], offset };
  }

  // Interval [start, end) with size; each an affine expression of one variable.
  interval(start, size, end, presence) {
    const c = { interval: { start, size, end } };
    return this.push(c, presence === undefined ? undefined : [presence]);
  }

  fixedInterval(start, end) {
    return this.interval(CpBuilder.affine(null, 0, start), CpBuilder.affine(null, 0, end - start), CpBuilder.affine(null, 0, end));
  }

  noOverlap(intervals) {
    if (intervals.length < 2) return -1;
    return this.push({ noOverlap: { intervals } });
  }

  static linearExpr(terms, offset = 0) {
    const { vars, coeffs } = CpBuilder.merge(terms);
    return { vars, coeffs, offset };
  }

  // sum of changes[i] over active events i with times[i] <= t lies in [minLevel, maxLevel] for every t.
  reservoir({ times, changes, actives }, minLevel, maxLevel) {
    if (!times.length) return -1;
    return this.push({ reservoir: { minLevel, maxLevel, timeExprs: times, levelChanges: changes, activeLiterals: actives } });
  }

  // target = product of the variables
  product(target, vars) {
    return this.push({ intProd: { target: CpBuilder.affine(target), exprs: vars.map((v) => CpBuilder.affine(v)) } });
  }

  circuit(arcs) {
    return this.push({ circuit: { tails: arcs.map((a) => a[0]), heads: arcs.map((a) => a[1]), literals: arcs.map((a) => a[2]) } });
  }

  hint(v, value) {
    this.hints.set(v, value);
  }

  proto({ objectiveTerms, objectiveScale, withHint }) {
    const proto = {
      name: 'makepack',
      variables: this.variables.map((v) => ({ domain: v.domain })),
      constraints: this.constraints,
    };
    if (objectiveTerms) {
      const { vars, coeffs } = CpBuilder.merge(objectiveTerms);
      proto.objective = { vars, coeffs, offset: 0, scalingFactor: 1 / objectiveScale };
    }
    if (withHint && this.hints.size) {
      const vars = [];
      const values = [];
      for (const [v, x] of this.hints) {
        vars.push(v);
        values.push(x);
      }
      proto.solutionHint = { vars, values };
    }
    return proto;
  }
}
