import { cellLevel, classify, countNeed, CoverageIndex, emptyCell } from '../../src/reports/coverage';

describe('need coverage', () => {
  it('derives uncovered, partial, covered and possible duplication from the links', () => {
    const index = new CoverageIndex();
    index.addResponse('RM-1', ['GIZ'], [{ needId: 'A', coverage: 'full' }, { needId: 'B', coverage: 'partial' }, { needId: 'C', coverage: 'contributes' }]);
    index.addResponse('RM-2', ['DG-NEAR'], [{ needId: 'A', coverage: 'full' }]);
    index.addResponse('RM-3', ['GIZ', 'OSCE-BIH'], [{ needId: 'D', coverage: 'full' }]);
    index.addResponse('RM-4', ['OSCE-BIH'], [{ needId: 'D', coverage: 'full' }, { needId: 'E', coverage: 'bogus' }]);
    index.addResponse('RM-5', ['GIZ'], 'not a list');
    expect(['A', 'B', 'C', 'D', 'E', 'F'].map((id) => index.coverageOf(id))).toEqual(['duplication', 'partial', 'partial', 'covered', 'uncovered', 'uncovered']);
    expect(index.get('A')).toEqual({ full: [{ responseId: 'RM-1', providers: ['GIZ'] }, { responseId: 'RM-2', providers: ['DG-NEAR'] }], partial: [], contributes: [] });
    expect(classify({ full: [{ responseId: 'x', providers: ['GIZ'] }, { responseId: 'y', providers: ['GIZ'] }], partial: [], contributes: [] })).toBe('covered');
  });

  it('colours a country × theme cell by its most pressing need', () => {
    const cell = emptyCell();
    expect(cellLevel(cell)).toBe('none');
    countNeed(cell, 'covered', 'low');
    expect(cellLevel(cell)).toBe('covered');
    countNeed(cell, 'duplication', 'medium');
    expect(cellLevel(cell)).toBe('duplication');
    countNeed(cell, 'partial', 'high');
    expect(cellLevel(cell)).toBe('partial');
    countNeed(cell, 'uncovered', 'high');
    expect(cellLevel(cell)).toBe('uncovered');
    expect(cell).toEqual({ needs: 4, high: 2, uncovered: 1, uncoveredHigh: 1, partial: 1, covered: 1, duplication: 1 });
  });
});
