// Writes a relaxation of an instance: the same plant with some calendar block
// kinds removed. Every plan of the original is a plan of the relaxation at the
// same cost, so the relaxation's optimum is a lower bound of the original's;
// solving both with the same search shows what a rule costs.
//
//   node bench/cpsat/relax/drop_blocks.mjs IN.yaml OUT.yaml STAGE:KIND[,STAGE:KIND...]
//   STAGE: mixers | lines | all;  KIND: maintenance | spare_capacity | outage
//   e.g. all:maintenance,all:spare_capacity,all:outage  (shift breaks are kept:
//   they set the lines' pace rather than block them)
import fs from 'fs';
import yaml from 'js-yaml';

const [input, output, spec] = process.argv.slice(2);
if (!input || !output || !spec) {
  console.error('usage: drop_blocks.mjs IN.yaml OUT.yaml STAGE:KIND[,STAGE:KIND...]');
  process.exit(2);
}
const kinds = new Set(['maintenance', 'spare_capacity', 'outage']);
const drops = spec.split(',').map((item) => {
  const [stage, kind] = item.split(':');
  if (!['mixers', 'lines', 'all'].includes(stage) || !kinds.has(kind)) {
    console.error(`drop_blocks: bad item '${item}' (STAGE mixers|lines|all, KIND ${[...kinds].join('|')})`);
    process.exit(2);
  }
  return { stage, kind };
});

const plant = yaml.load(fs.readFileSync(input, 'utf8'));
const calendar = plant.calendar || {};
const stageOf = new Map([
  ...(plant.mixers || []).map((m) => [m.id, 'mixers']),
  ...(plant.lines || []).map((l) => [l.id, 'lines']),
]);
const dropped = (stage, kind) => drops.some((d) => d.kind === kind && (d.stage === 'all' || d.stage === stage));

for (const [key, entry] of Object.entries(calendar)) {
  if (key === 'outages') {
    calendar.outages = entry.filter((o) => !dropped(stageOf.get(o.resource), 'outage'));
    continue;
  }
  const stage = key === 'mixers' || key === 'lines' ? key : stageOf.get(key);
  if (!entry || !stage) continue;
  for (const kind of ['maintenance', 'spare_capacity']) if (dropped(stage, kind)) delete entry[kind];
  if (entry.outages && dropped(stage, 'outage')) delete entry.outages;
}
plant.name = `${plant.name}-relaxed`;
fs.writeFileSync(output, `# ${plant.name}: ${input} without ${spec}\n` + yaml.dump(plant, { lineWidth: 200, flowLevel: 3 }));
