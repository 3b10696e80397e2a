/** Only printable ASCII (0x20–0x7E) leaves: look-alike dots, colons and digits of other scripts never do. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

export const isPrintableAscii = (text: string): boolean => PRINTABLE_ASCII.test(text)
