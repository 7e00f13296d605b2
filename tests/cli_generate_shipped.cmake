# Generates with the shipped models (resources/models) and reads the result back.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${CLI} generate --prompt "a red circle moving right on a black background"
                --steps 4 --out ${WORK}/clip.mp4 RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "generate with the shipped model failed (${rc}): ${err}")
endif()
execute_process(COMMAND ${CLI} info ${WORK}/clip.mp4 OUTPUT_VARIABLE out)
# The shipped SSR model made the 128x128 frames.
if(NOT out MATCHES "size: 128x128" OR NOT out MATCHES "frames: 16" OR NOT out MATCHES "\"model\":\"base\""
   OR NOT out MATCHES "\"role\":\"ssr\"")
  message(FATAL_ERROR "unexpected clip: ${out}")
endif()
