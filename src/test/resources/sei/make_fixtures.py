#!/usr/bin/python3
"""Writes the small SEI reader fixtures from the published format descriptions (numpy + tifffile).

- Igor binary wave v5 (WaveMetrics TN003) as Asylum Research saves SPM images: 8x6x3 float32,
  channel names in dim-2 labels, sfA = pixel size in m, data unit 'm', trailing extra bytes.
- Igor binary wave v2, big-endian, 1-D (TN003: BinHeader2 + WaveHeader2).
- Gwyddion GWYP container with two GwyDataFields (user guide, "Gwyddion native file format").
- ImageJ-calibrated float32 TIFF (tifffile's imagej=True writer: unit + XResolution).
- VAMAS ISO 14976 NORM/REGULAR with two blocks (F 1s in BE, Li 1s in KE) and one IRREGULAR block.
Values follow simple formulas so the Java tests can check them exactly.
Run: /usr/bin/python3 make_fixtures.py  (in this folder)
"""
import struct
import numpy as np
import tifffile

def checksum_fix(header: bytearray, n: int, endian: str, at: int):
    """Igor: the 16-bit sum of the first n bytes (as shorts) must be 0; solve for the checksum field."""
    struct.pack_into(endian + 'h', header, at, 0)
    s = sum(struct.unpack(endian + '%dh' % (n // 2), bytes(header[:n]))) & 0xFFFF
    struct.pack_into(endian + 'h', header, at, (-s) & 0xFFFF if (-s) & 0xFFFF < 0x8000 else ((-s) & 0xFFFF) - 0x10000)

def ibw5(path, data_xyc, names, dx_m, unit='m', note='ScanSize: 7e-08\rImagingMode: PFM Mode\r', extra=b'ASYLUM-TRAILER' * 10):
    e = '<'
    nx, ny, nc = data_xyc.shape
    flat = np.asarray(data_xyc, dtype='<f4').flatten(order='F').tobytes()  # Igor: column-major
    labels = [b''] * 3 + [b'']
    lab2 = b'\0' * 32 + b''.join(n.encode().ljust(32, b'\0') for n in names)
    wave = bytearray(320)
    struct.pack_into(e + 'i', wave, 12, nx * ny * nc)
    struct.pack_into(e + 'h', wave, 16, 2)                  # NT_FP32
    struct.pack_into(e + 'h', wave, 26, 1)                  # whVersion
    wave[28:28 + 32] = b'fixture0000'.ljust(32, b'\0')
    struct.pack_into(e + '4i', wave, 68, nx, ny, nc, 0)
    struct.pack_into(e + '4d', wave, 84, dx_m, dx_m, 1.0, 1.0)
    struct.pack_into(e + '4d', wave, 116, 0.0, 0.0, 0.0, 0.0)
    wave[148:152] = unit.encode().ljust(4, b'\0')
    wave[152:156] = b'm\0\0\0'
    wave[156:160] = b'm\0\0\0'
    noteb = note.encode('latin-1')
    head = bytearray(64)
    struct.pack_into(e + 'hhiiii', head, 0, 5, 0, 320 + len(flat), 0, len(noteb), 0)
    struct.pack_into(e + '4i', head, 20, 0, 0, 0, 0)
    struct.pack_into(e + '4i', head, 36, 0, 0, len(lab2), 0)
    both = head + wave
    checksum_fix(both, 384, e, 2)
    with open(path, 'wb') as f:
        f.write(both + flat + noteb + lab2 + extra)

def ibw2_be(path, values, dx, xunit, unit):
    e = '>'
    data = np.asarray(values, dtype='>f8').tobytes()
    wave = bytearray(110)
    struct.pack_into(e + 'h', wave, 0, 4)                   # NT_FP64
    wave[6:26] = b'wave2'.ljust(20, b'\0')
    wave[34:38] = unit.encode().ljust(4, b'\0')
    wave[38:42] = xunit.encode().ljust(4, b'\0')
    struct.pack_into(e + 'i', wave, 42, len(values))
    struct.pack_into(e + 'dd', wave, 48, dx, 100.0)
    note = b'version 2 note'
    head = bytearray(16)
    struct.pack_into(e + 'hiii', head, 0, 2, 110 + len(data) + 16, len(note), 0)
    both = head + wave
    checksum_fix(both, 126, e, 14)
    with open(path, 'wb') as f:
        f.write(both + data + b'\0' * 16 + note)

def gwy_obj(name, items):
    body = b''.join(items)
    return name.encode() + b'\0' + struct.pack('<I', len(body)) + body

def gwy_item(key, t, payload):
    return key.encode() + b'\0' + t.encode() + payload

def gwy_unit(s):
    return gwy_obj('GwySIUnit', [gwy_item('unitstr', 's', s.encode() + b'\0')])

def gwy_field(arr_yx, xreal, zunit):
    ny, nx = arr_yx.shape
    return gwy_obj('GwyDataField', [
        gwy_item('xres', 'i', struct.pack('<i', nx)), gwy_item('yres', 'i', struct.pack('<i', ny)),
        gwy_item('xreal', 'd', struct.pack('<d', xreal)), gwy_item('yreal', 'd', struct.pack('<d', xreal * ny / nx)),
        gwy_item('si_unit_xy', 'o', gwy_unit('m')), gwy_item('si_unit_z', 'o', gwy_unit(zunit)),
        gwy_item('data', 'D', struct.pack('<I', nx * ny) + np.asarray(arr_yx, '<f8').tobytes())])

def vamas_block(lines, ident, species, trans, abscissa, start, step, values, photon=1486.6):
    lines += [ident, 'sample-1', '2024', '5', '17', '10', '30', '0', '0', '1', 'a block comment', 'XPS', '0',
              'Al', str(photon), '0', '0', '0', '54.5', '0', 'FAT', '20', '1', '4.5', '0', '0', '0', '0', '0',
              species, trans, '-1', abscissa, 'eV', str(start), str(step), '1', 'counts', 'd',
              'pulse counting', '0.1', '1', '0', '0', '0', '0', '0', str(len(values)), str(min(values)), str(max(values))]
    lines += ['%g' % v for v in values]

def main():
    x = np.arange(8)[:, None, None]; y = np.arange(6)[None, :, None]; c = np.arange(3)[None, None, :]
    data = (1e-9 * (x + 10 * y + 100 * c)).astype('f4')   # value(x, y, c) = (x + 10y + 100c) nm, stored in m
    ibw5('asylum_v5.ibw', data, ['HeightRetrace', 'AmplitudeRetrace', 'PhaseRetrace'], 7.8125e-9)
    ibw2_be('wave_v2_be.ibw', [0.5 * i for i in range(10)], 0.25, 's', 'V')
    yy, xx = np.mgrid[0:5, 0:7]
    h = 1e-9 * (xx + 10.0 * yy)
    ph = 90.0 + xx - yy
    top = gwy_obj('GwyContainer', [
        gwy_item('/0/data', 'o', gwy_field(h, 7 * 20e-9, 'm')), gwy_item('/0/data/title', 's', b'HeightRetrace\0'),
        gwy_item('/1/data', 'o', gwy_field(ph, 7 * 20e-9, 'deg')), gwy_item('/1/data/title', 's', b'PhaseRetrace\0'),
        gwy_item('/0/base/palette', 's', b'Gray\0')])
    open('two_fields.gwy', 'wb').write(b'GWYP' + top)
    img = (np.arange(6 * 9, dtype='f4').reshape(6, 9) * 0.5)
    tifffile.imwrite('imagej_um.tif', img, imagej=True, resolution=(1 / 0.0156, 1 / 0.0156), metadata={'unit': 'um'})
    lines = ['', 'VAMAS Surface Chemical Analysis Standard Data Transfer Format 1988 May 4', 'Trident fixture', 'none', 'op', 'exp',
             '1', 'written by make_fixtures.py', 'NORM', 'REGULAR', '3', '1', 'Exp Variable', 'd', '0', '0', '0', '0', '2']
    be = 680 + 0.5 * np.arange(21)
    f1s = 100 + 1000 * np.exp(-0.5 * ((be[::-1] - 685.0) / 0.8) ** 2)     # descending BE start 690
    vamas_block(lines, 'F 1s', 'F', '1s', 'binding energy', 690.0, -0.5, list(f1s))
    ke = 1486.6 - 60 + 0.25 * np.arange(41)                              # KE start = BE 60 down to BE 50
    li = 50 + 400 * np.exp(-0.5 * ((1486.6 - ke - 55.6) / 0.6) ** 2)
    vamas_block(lines, 'Li 1s', 'Li', '1s', 'kinetic energy', 1486.6 - 60, 0.25, list(li))
    lines += ['end of experiment']
    open('two_blocks.vms', 'w', newline='\r\n').write('\n'.join(lines) + '\n')
    with open('f1s.csv', 'w') as f:
        f.write('binding_energy_eV,counts\n')
        for e, v in zip(be[::-1], f1s):
            f.write('%.2f,%.4f\n' % (e, v))

if __name__ == '__main__':
    main()
