# `lanterna-cli train` takes the micro-batch and data-mix options, records the
# mix in the checkpoint, and refuses bad values with a message naming them.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(TRAIN ${CLI} train --stage t2i --tiny --batch 4 --log-every 1 --threads 1 --steps 2)

execute_process(
  COMMAND ${TRAIN} --micro-batch 2 --motion-weights spinning=2,left=0 --two-object-rate 0.5
          --work-dir ${WORK}/mix
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "training with --micro-batch and a data mix failed (${rc}): ${err}")
endif()
file(READ ${WORK}/mix/checkpoint/state.json state)
string(JSON weights GET "${state}" motion_weights)
string(JSON rate GET "${state}" two_object_rate)
if(NOT weights STREQUAL "left=0,spinning=2" OR NOT rate EQUAL 0.5)
  message(FATAL_ERROR "state.json records motion_weights '${weights}', two_object_rate '${rate}'")
endif()

foreach(case "--micro-batch;-1;--micro-batch must be in 0..4096"
             "--motion-weights;jumping=2;unknown motion 'jumping'"
             "--two-object-rate;1.5;--two-object-rate must be in \\[0, 1\\]"
             "--frames;8;--frames needs a space-time stage")
  list(GET case 0 option)
  list(GET case 1 value)
  list(GET case 2 expected)
  execute_process(COMMAND ${TRAIN} ${option} ${value} --work-dir ${WORK}/bad
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(rc EQUAL 0 OR NOT err MATCHES "${expected}")
    message(FATAL_ERROR "${option} ${value}: exit ${rc}, message: ${err}")
  endif()
  if(EXISTS ${WORK}/bad/checkpoint)
    message(FATAL_ERROR "${option} ${value} left a checkpoint behind")
  endif()
endforeach()

# --export-raw only means something beside --export.
execute_process(COMMAND ${TRAIN} --export-raw --work-dir ${WORK}/bad
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "--export-raw needs --export DIR")
  message(FATAL_ERROR "--export-raw alone: exit ${rc}, message: ${err}")
endif()
