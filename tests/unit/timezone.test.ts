import { offsetFinder, offsetHours } from '../../src/domain/timezone';

const winter = new Date(Date.UTC(2026, 0, 15, 12));
const summer = new Date(Date.UTC(2026, 6, 15, 12));

describe('time-zone offsets', () => {
  it.each([
    ['UTC+05:30', winter, 5.5],
    ['UTC-03:00', winter, -3],
    ['UTC', winter, 0],
    ['GMT+2', winter, 2],
    ['Europe/Berlin', winter, 1],
    ['Europe/Berlin', summer, 2],
    ['Asia/Kolkata', summer, 5.5],
    ['America/Sao_Paulo', winter, -3],
  ])('%s at %s is %d h', (tz, at, h) => expect(offsetHours(tz, at)).toBe(h));

  it('gives undefined for what is not a time zone', () => {
    expect(offsetHours('Mars/Olympus', winter)).toBeUndefined();
    expect(offsetHours('somewhere nice', winter)).toBeUndefined();
  });

  it('computes each name once (a name with spaces around it is the same name)', () => {
    const formats = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      const of = offsetFinder(winter);
      expect(of('Europe/Lisbon')).toBe(0);
      expect(of(' Europe/Lisbon ')).toBe(0);
      expect(of('Europe/Lisbon')).toBe(0);
      expect(formats).toHaveBeenCalledTimes(1);
      expect(of('Europe/Berlin')).toBe(1);
      expect(formats).toHaveBeenCalledTimes(2);
      // An unknown name is remembered too.
      expect(of('Mars/Olympus')).toBeUndefined();
      expect(of('Mars/Olympus')).toBeUndefined();
      expect(formats).toHaveBeenCalledTimes(3);
    } finally {
      formats.mockRestore();
    }
  });
});
