import { expect } from 'chai';
import { csv, csvCell } from '../../bot/operations/csv.js';
import { numbersOverHistory, type NumbersFixture } from './numbers-support.js';

/** Splits RFC 4180 text into rows of cells (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') rows.at(-1)!.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') rows.at(-1)!.push(cell), (cell = ''), rows.push([]), i++;
    else cell += c;
  }
  rows.pop(); // after the last CRLF
  return rows;
}

describe('csv', () => {
  it('quotes what needs quoting, doubles quotes, and keeps Chinese as it is', () => {
    expect(csvCell('plain')).to.equal('plain');
    expect(csvCell('a,b')).to.equal('"a,b"');
    expect(csvCell('say "hi"')).to.equal('"say ""hi"""');
    expect(csvCell('two\nlines')).to.equal('"two\nlines"');
    expect(csvCell('小米发霉了')).to.equal('小米发霉了');
    expect(csvCell(null)).to.equal('');
    expect(csvCell(-12)).to.equal('-12');
  });

  it('keeps cells a spreadsheet would run as a formula as text', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).to.equal(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    for (const start of ['+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`).replace(/^"/, '')[0], JSON.stringify(start)).to.equal("'");
    expect(csvCell('a=b')).to.equal('a=b');
  });

  it('starts with a UTF-8 byte-order mark and ends every line with CRLF', () => {
    expect(csv(['a', 'b'], [['1', '2']])).to.equal('\uFEFFa,b\r\n1,2\r\n');
  });
});

describe('Numbers: the case list as CSV', () => {
  let fixture: NumbersFixture;
  before(async () => {
    fixture = await numbersOverHistory();
  });
  after(async () => {
    await fixture.dispose();
  });

  it('has one row per listed case, in the shop zone, hostile descriptions kept inert and whole', async () => {
    const { rows } = await fixture.numbers.cases({}, { page: 1, pageSize: 1 });
    const hostile = '=HYPERLINK("http://evil.example","点我"), 还有"引号"\n第二行';
    fixture.store.db.prepare('UPDATE cases SET description = ? WHERE id = ?').run(hostile, rows[0]!.id);

    const text = await fixture.numbers.casesCsv({}, 'en');
    expect(text.startsWith('\uFEFFCase,Created,Channel,')).to.equal(true);
    const table = parseCsv(text.slice(1));
    const total = (await fixture.numbers.cases({}, { page: 1, pageSize: 1 })).total;
    expect(table).to.have.length(total + 1);
    expect(table.every((row) => row.length === table[0]!.length)).to.equal(true);
    const row = table.find((r) => r[0] === rows[0]!.id)!;
    expect(row.at(-1)).to.equal(`'${hostile}`);
    expect(row[1]).to.match(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    for (const cell of table.flat()) expect(/^[=+\-@\t\r]/.test(cell), cell).to.equal(false);
  });

  it('speaks Chinese when asked: headers, product and reason names', async () => {
    const text = await fixture.numbers.casesCsv({ sku: 'MILLET-500' }, 'zh-Hans');
    const table = parseCsv(text.slice(1));
    expect(table[0]!.slice(0, 3)).to.deep.equal(['工单号', '创建时间', '渠道']);
    expect(table.slice(1).every((r) => r[7] === '小米 500g')).to.equal(true);
    expect(table.slice(1).some((r) => r[11] === '质量问题')).to.equal(true);
  });
});
