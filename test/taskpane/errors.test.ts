import { describeError } from '../../src/taskpane/errors';
import { excelError } from './fake-host';

describe('describeError', () => {
  it("gives Excel's message, its code and where it happened", () => {
    expect(describeError(excelError('The argument is invalid.', 'InvalidArgument', 'Range.values'))).toEqual({
      message: 'The argument is invalid.',
      detail: 'code InvalidArgument, at Range.values',
    });
  });

  it('gives any other error its message, and a string as it is', () => {
    expect(describeError(new TypeError('x is undefined'))).toEqual({ message: 'x is undefined', detail: undefined });
    expect(describeError('Excel is busy')).toEqual({ message: 'Excel is busy', detail: undefined });
  });

  it('never says nothing', () => {
    for (const error of [undefined, null, {}, new Error('')]) {
      expect(describeError(error).message).toMatch(/Excel gave no reason/);
    }
  });
});
