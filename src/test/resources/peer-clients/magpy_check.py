# Drives an unmodified MagPy (github nicolasmcnair/magpy) against `tmshost simulate` as a user
# would, printing what each call returns. MagPy itself is not part of tmshost: fetch it into a
# directory of your own and pass that directory. See docs/simulator.md, "Third-party clients".
#
#   python3 magpy_check.py MAGPY_DIR PORT [UNLOCK_CODE] [--pty-rts-shim] [--get-charge-delay]
#
# --pty-rts-shim: a Linux pseudo-terminal has no modem lines, so pyserial's RTS ioctl fails there
# with ENOTTY and MagPy's port process dies at its first setRTS(False). The shim makes pyserial
# ignore exactly that error; it changes pyserial's behaviour on a pty only, not MagPy.
import sys
import time

sys.path.insert(0, sys.argv[1])
port = sys.argv[2]
code = sys.argv[3] if len(sys.argv) > 3 and not sys.argv[3].startswith('--') else ''
if '--pty-rts-shim' in sys.argv:
    import errno
    import serial.serialposix as posix
    update_rts = posix.Serial._update_rts_state

    def tolerant_update_rts(self):
        try:
            update_rts(self)
        except OSError as e:
            if e.errno != errno.ENOTTY:
                raise
    posix.Serial._update_rts_state = tolerant_update_rts

from magpy import magstim  # noqa: E402

if __name__ == '__main__':
    m = magstim.Rapid(port, unlockCode=code) if code else magstim.Rapid(port)
    m.connect()
    print('connect: version', m._version)
    print('setPower 40:', m.setPower(40, receipt=True)[0])
    error, reply = m.getParameters()
    print('getParameters:', error, reply if error else reply['rapidParam'])
    print('arm:', m.arm(receipt=True, delay=True)[0], 'ready:', m.isReadyToFire())
    print('fire:', m.fire(receipt=True)[0])
    time.sleep(1.2)
    error, reply = m.getTemperature()
    print('getTemperature:', error, reply if error else reply['magstimTemp'])
    if code:
        error, reply = m.getSystemStatus()
        print('getSystemStatus:', error, reply if error else reply['extInstr'])
        print('setChargeDelay 50:', m.setChargeDelay(50, receipt=True)[0])
        if '--get-charge-delay' in sys.argv:  # blocks forever on a 9.x unit: MagPy reads 8 bytes
            print('getChargeDelay:', m.getChargeDelay())
    print('disarm:', m.disarm(receipt=True)[0])
    time.sleep(6)  # longer than MagPy's disarmed keep-alive period (5 s)
    print('still under control:', m.isUnderControl())
    m.disconnect()
    print('disconnected')
