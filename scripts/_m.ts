import { Driver } from '../emulator/driver';
const d = new Driver();
d.open(); d.resetCalls();
Driver.check(d.clickMenu('Set up registry'));
const c = d.calls();
const g: Record<string, number> = {};
for (const [k, v] of Object.entries(c)) { const cls = k.split('.')[0]; const grp = /Form|Item|TextValidation/.test(cls) ? 'forms' : /Validation/.test(cls) ? 'validation' : /Conditional/.test(cls) ? 'cond' : /Protection/.test(cls) ? 'prot' : /Propert/.test(cls) ? 'props' : cls; g[grp] = (g[grp] ?? 0) + v; }
console.log(d.totalCalls(), g);
console.log(Object.entries(c).filter(([k])=>/Form|Item|TextValidation|Sheet\.|Spreadsheet\./.test(k)).sort((a,b)=>b[1]-a[1]).map(([k,v])=>`${v} ${k}`).join(' | '));
