# Drives an unmodified pytms (github xiangruili/MagventurePyTMS, pytms.py) against `tmshost
# simulate` as a user would. pytms finds its port itself (it probes every port pyserial lists), so
# serve the simulator on a /dev/ttyUSB* path. pytms is not part of tmshost: fetch it into a
# directory of your own and pass that directory. See docs/simulator.md, "Third-party clients".
#
#   python3 pytms_check.py PYTMS_DIR
import sys
import time

sys.path.insert(0, sys.argv[1])
from pytms import TMS  # noqa: E402

T = TMS()
print('port:', getattr(T, '_port', None) and T._port.port)
time.sleep(1.0)
print('model:', T.Model, 'temperature:', T.temperature, 'info:', T.info)
T.amplitude = 50
time.sleep(0.8)
print('amplitude read back:', T.amplitude)
T.enabled = True
time.sleep(1.5)
print('enabled:', T.enabled)
T.firePulse()
time.sleep(0.8)
print('di/dt after the pulse:', T.didt)
T.page = 'Timing'
time.sleep(0.5)
print('page:', T.page)
T._write((0,))  # pytms's own status request, as its CoilTypeDisplay setter sends it
time.sleep(0.5)
print('temperature:', T.temperature)
T.enabled = False
time.sleep(0.8)
print('enabled:', T.enabled)
