import os

# ruleid: debug-on-in-production-settings
DEBUG = True
# ruleid: debug-on-in-production-settings
DEBUG = env_bool("DEBUG", True)
# ruleid: debug-on-in-production-settings
DEBUG = os.environ.get("DEBUG", "1") == "1"
# ruleid: debug-on-in-production-settings
DEBUG = 1
# ok: debug-on-in-production-settings
DEBUG = False
# ok: debug-on-in-production-settings
DEBUG = env_bool("DEBUG")
# ok: debug-on-in-production-settings
TEMPLATE_DEBUG = True
